using System.Globalization;
using Atradius.Cover.Sdk;

// The cover journey against a sandbox server, printed one step a line for the test that runs this program:
//   atradius-aot-smoke <base address> <client id> <client secret> <app key> <customer id> <policy id> <buyer VAT>
if (args.Length != 7)
{
    Console.Error.WriteLine("Usage: Atradius.Cover.Sdk.AotSmoke <base address> <client id> <client secret> <app key> <customer id> <policy id> <buyer VAT>");
    return 2;
}

await using var cover = new CoverClient(new CoverClientOptions
{
    BaseAddress = new Uri(args[0]),
    ClientId = args[1],
    ClientSecret = args[2],
    AppKey = args[3],
    CustomerId = long.Parse(args[4], CultureInfo.InvariantCulture),
    PolicyId = args[5],
});

// The first call obtains the access token.
Policy policy = await cover.Policies.GetAsync();
Console.WriteLine($"policy {policy.PolicyId} live={policy.IsLive} currency={policy.Currency}");

var buyers = await cover.Buyers.SearchAsync(BuyerSearch.ByIdentifier("NLD", args[6], BuyerIdentifierType.Vat));
var buyer = buyers.Value.Single();
Console.WriteLine($"buyer {buyer.BuyerId} {buyer.Name}");

var result = await cover.Applications.SubmitAsync(new CoverApplication
{
    BuyerId = buyer.BuyerId,
    CoverType = CoverType.CreditLimit,
    CreditLimitAmount = 25_000m,
    CurrencyCode = policy.Currency,
    EffectFromDate = CoverDate.FromDateTime(DateTime.UtcNow),
    CustomerReference = "AOT-SMOKE",
});
Console.WriteLine($"application {result.Outcome} cover {result.CoverId}");

var covers = await cover.Decisions.ListAsync(new CoverQuery { BuyerId = buyer.BuyerId }).ToListAsync();
Console.WriteLine($"covers listed {covers.Count}, including the application: {covers.Any(c => c.CoverId == result.CoverId)}");
Console.WriteLine("journey complete");
return 0;
