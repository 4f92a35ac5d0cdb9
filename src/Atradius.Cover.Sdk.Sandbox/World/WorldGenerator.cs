using System.Diagnostics;
using System.Globalization;

namespace Atradius.Cover.Sdk.Sandbox.World;

/// <summary>
/// Builds the reference data from a seed. The same seed and size always give the same world, so a
/// failing test can be replayed; the fixtures are fixed whatever the seed.
/// </summary>
internal static class WorldGenerator
{
    private const long FirstGeneratedBuyerId = 10060001;

    /// <summary>The fixed buyers every world starts with; the seeding gives them no generated covers.</summary>
    public const int FixedBuyerCount = 11;

    private sealed record Country(string Code, string[] Cities, string[] Streets, string[] LegalForms, Func<Random, List<KeyValuePair<string, string>>> Identifiers, Func<Random, string> PostCode);

    private static readonly string[] NameStems =
    [
        "Aurora", "Beacon", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Iris", "Juniper",
        "Kestrel", "Lumen", "Meridian", "Nimbus", "Orchid", "Pioneer", "Quartz", "Riverside", "Summit", "Tidewater",
        "Unity", "Vertex", "Willow", "Zenith", "Atlas", "Boreal", "Crescent", "Dune", "Evergreen", "Fjord",
    ];

    private static readonly string[] NameTrades =
    [
        "Trading", "Foods", "Logistics", "Textiles", "Metals", "Plastics", "Electronics", "Paper", "Chemicals", "Furniture",
        "Machinery", "Components", "Distribution", "Packaging", "Pharma", "Timber", "Glass", "Ceramics", "Motors", "Supplies",
    ];

    private static string Digits(Random r, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + r.Next(10));
        }

        return new string(chars);
    }

    private static KeyValuePair<string, string> Id(string type, string value) => new(type, value);

    private static readonly Country[] Countries =
    [
        new("NLD", ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"], ["Keizersgracht", "Coolsingel", "Stationsplein"], ["B.V.", "N.V."],
            r => [Id("VAT", $"NL{Digits(r, 9)}B01"), Id("CR", Digits(r, 8))], r => string.Create(CultureInfo.InvariantCulture, $"{r.Next(1000, 9999)} {(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}")),
        new("DEU", ["Berlin", "Hamburg", "München", "Köln"], ["Hauptstraße", "Bahnhofstraße", "Industriestraße"], ["GmbH", "AG", "KG"],
            r => [Id("VAT", $"DE{Digits(r, 9)}"), Id("CR", string.Create(CultureInfo.InvariantCulture, $"HRB {r.Next(10000, 999999)}"))], r => Digits(r, 5)),
        new("FRA", ["Paris", "Lyon", "Marseille", "Lille"], ["Rue de la République", "Avenue Jean Jaurès", "Boulevard Voltaire"], ["SAS", "SARL", "SA"],
            r => { var siren = Digits(r, 9); return [Id("VAT", $"FR{Digits(r, 2)}{siren}"), Id("SN", siren)]; }, r => Digits(r, 5)),
        new("BEL", ["Brussel", "Antwerpen", "Gent", "Liège"], ["Rue Neuve", "Meir", "Veldstraat"], ["NV", "BV", "SRL"],
            r => { var number = "0" + Digits(r, 9); return [Id("VAT", $"BE{number}"), Id("NRN", $"{number[..4]}.{number[4..7]}.{number[7..]}")]; }, r => r.Next(1000, 9999).ToString(CultureInfo.InvariantCulture)),
        new("ESP", ["Madrid", "Barcelona", "Valencia", "Sevilla"], ["Calle Mayor", "Gran Vía", "Avenida de la Constitución"], ["S.L.", "S.A."],
            r => { var nif = $"B{Digits(r, 8)}"; return [Id("VAT", $"ES{nif}"), Id("FC", nif)]; }, r => Digits(r, 5)),
        new("ITA", ["Milano", "Roma", "Torino", "Bologna"], ["Via Roma", "Corso Italia", "Via Garibaldi"], ["S.r.l.", "S.p.A."],
            r => { var piva = Digits(r, 11); return [Id("VAT", $"IT{piva}"), Id("FC", piva)]; }, r => Digits(r, 5)),
        new("GBR", ["London", "Manchester", "Leeds", "Bristol"], ["High Street", "Station Road", "Church Lane"], ["Ltd", "PLC", "LLP"],
            r => [Id("VAT", $"GB{Digits(r, 9)}"), Id("CR", Digits(r, 8))], r => string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}{r.Next(1, 20)} {r.Next(1, 9)}{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}")),
        new("SWE", ["Stockholm", "Göteborg", "Malmö", "Uppsala"], ["Drottninggatan", "Storgatan", "Kungsgatan"], ["AB"],
            r => { var org = Digits(r, 10); return [Id("VAT", $"SE{org}01"), Id("NRN", $"{org[..6]}-{org[6..]}")]; }, r => $"{Digits(r, 3)} {Digits(r, 2)}"),
        new("DNK", ["København", "Aarhus", "Odense", "Aalborg"], ["Strøget", "Vesterbrogade", "Nørregade"], ["A/S", "ApS"],
            r => { var cvr = Digits(r, 8); return [Id("VAT", $"DK{cvr}"), Id("CR", cvr)]; }, r => r.Next(1000, 9999).ToString(CultureInfo.InvariantCulture)),
        new("POL", ["Warszawa", "Kraków", "Gdańsk", "Wrocław"], ["ul. Marszałkowska", "ul. Długa", "ul. Piotrkowska"], ["Sp. z o.o.", "S.A."],
            r => [Id("VAT", $"PL{Digits(r, 10)}"), Id("NRN", Digits(r, 10))], r => $"{Digits(r, 2)}-{Digits(r, 3)}"),
        new("AUT", ["Wien", "Graz", "Linz", "Salzburg"], ["Mariahilfer Straße", "Herrengasse", "Landstraße"], ["GmbH", "AG"],
            r => [Id("VAT", $"ATU{Digits(r, 8)}"), Id("CR", string.Create(CultureInfo.InvariantCulture, $"FN {r.Next(100000, 999999)}{(char)('a' + r.Next(26))}"))], r => r.Next(1000, 9999).ToString(CultureInfo.InvariantCulture)),
        new("PRT", ["Lisboa", "Porto", "Braga", "Coimbra"], ["Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina"], ["Lda", "S.A."],
            r => { var nif = "5" + Digits(r, 8); return [Id("VAT", $"PT{nif}"), Id("TK", nif)]; }, r => $"{Digits(r, 4)}-{Digits(r, 3)}"),
    ];

    public static SandboxWorld Create(int seed, int buyerCount, DateOnly today)
    {
        var customers = new List<SandboxCustomer>
        {
            new(SandboxFixtures.EuroCustomerId, "Holland Export Trading B.V.", "EUR"),
            new(SandboxFixtures.SterlingCustomerId, "Thames Wholesale Ltd", "EUR"),
            new(SandboxFixtures.DollarCustomerId, "Great Lakes Supply Inc.", "USD"),
        };

        // Policies run over whole years around the day the world is made, so they are live whatever the date.
        var start = new DateOnly(today.Year - 1, 1, 1);
        var expiry = new DateOnly(today.Year + 1, 12, 31);
        var policies = new List<SandboxPolicy>
        {
            new(SandboxFixtures.EuroPolicyId, SandboxFixtures.EuroCustomerId, "EUR", 20_000m, "live", start, expiry),
            new(SandboxFixtures.ExpiredDollarPolicyId, SandboxFixtures.EuroCustomerId, "USD", 25_000m, "expired", start.AddYears(-3), start.AddDays(-1)),
            new(SandboxFixtures.SterlingPolicyId, SandboxFixtures.SterlingCustomerId, "GBP", 15_000m, "live", start, expiry),
            new(SandboxFixtures.DollarPolicyId, SandboxFixtures.DollarCustomerId, "USD", 25_000m, "live", start, expiry),
        };

        var buyers = new List<SandboxBuyer>(Math.Max(buyerCount, 16))
        {
            Fixed(SandboxFixtures.WellRatedDutchBuyerId, SandboxFixtures.WellRatedDutchBuyerName, "NLD", [Id("VAT", SandboxFixtures.WellRatedDutchBuyerVat), Id("CR", SandboxFixtures.WellRatedDutchBuyerChamberOfCommerce)], "Keizersgracht 120", "Amsterdam", "1015 CW", 35),
            Fixed(SandboxFixtures.VeryGoodBritishBuyerId, "Albion Components Ltd", "GBR", [Id("VAT", SandboxFixtures.VeryGoodBritishBuyerVat), Id("CR", "04718293"), Id("DB", "218735521")], "12 Wellington Street", "Leeds", "LS1 4DL", 12),
            Fixed(SandboxFixtures.IndicationBuyerId, "Porto Cork Lda", "PRT", [Id("VAT", "PT509876543"), Id("TK", "509876543")], "Rua de Santa Catarina 210", "Porto", "4000-447", 30),
            Fixed(SandboxFixtures.ExistingCoverBuyerId, "Danube Foods GmbH", "AUT", [Id("VAT", "ATU61234567"), Id("CR", "FN 234567x")], "Landstraße 44", "Linz", "4020", 45),
            Fixed(SandboxFixtures.SupersededCoverBuyerId, "Hansa Logistik GmbH", "DEU", [Id("VAT", "DE298765432"), Id("CR", "HRB 104512")], "Am Sandtorkai 5", "Hamburg", "20457", 25),
            Fixed(SandboxFixtures.CancelledCoverBuyerId, "Brugge Textiel NV", "BEL", [Id("VAT", "BE0456789123"), Id("NRN", "0456.789.123")], "Steenstraat 18", "Brugge", "8000", 40),
            Fixed(SandboxFixtures.FairSpanishBuyerId, "Sol Distribuciones S.L.", "ESP", [Id("VAT", SandboxFixtures.FairSpanishBuyerVat), Id("FC", "B91234567")], "Avenida de la Constitución 12", "Sevilla", "41001", 62),
            Fixed(SandboxFixtures.WeakSwedishBuyerId, "Nordic Paper AB", "SWE", [Id("VAT", SandboxFixtures.WeakSwedishBuyerVat), Id("NRN", "556677-8899")], "Södra Hamngatan 9", "Göteborg", "411 14", 80),
            Fixed(SandboxFixtures.DeterioratedBuyerId, "Baltic Amber Sp. z o.o.", "POL", [Id("VAT", "PL5842734561"), Id("NRN", "0000123456")], "ul. Długa 45", "Gdańsk", "80-827", 90),
            Fixed(SandboxFixtures.PendingApplicationBuyerId, "Vistula Steel S.A.", "POL", [Id("VAT", "PL6762467890"), Id("NRN", "0000654321")], "ul. Marszałkowska 140", "Warszawa", "00-061", 52),
            Fixed(SandboxFixtures.SatisfactoryGermanBuyerId, "Rheinland Maschinenbau GmbH", "DEU", [Id("VAT", SandboxFixtures.SatisfactoryGermanBuyerVat), Id("CR", "HRB 70213")], "Rheinuferstraße 3", "Köln", "50668", 48),
        };

        Debug.Assert(buyers.Count == FixedBuyerCount, "FixedBuyerCount counts the fixed buyers: the generated covers a world holds are reckoned from it.");
        var random = new Random(seed);
        var names = new HashSet<string>(buyers.Select(b => b.BuyerName), StringComparer.Ordinal);
        for (var i = 0; buyers.Count < buyerCount; i++)
        {
            var country = Countries[i % Countries.Length];
            var name = $"{NameStems[random.Next(NameStems.Length)]} {NameTrades[random.Next(NameTrades.Length)]} {country.LegalForms[random.Next(country.LegalForms.Length)]}";
            if (!names.Add(name))
            {
                name = $"{NameStems[random.Next(NameStems.Length)]} {NameTrades[random.Next(NameTrades.Length)]} {(i + 1).ToString(CultureInfo.InvariantCulture)} {country.LegalForms[0]}";
                names.Add(name);
            }

            // Skewed towards decent ratings, as a real portfolio is, with a tail of weak buyers.
            var rating = Math.Clamp((int)Math.Round(15 + (Math.Pow(random.NextDouble(), 1.6) * 85)), 1, 100);
            var street = string.Create(CultureInfo.InvariantCulture, $"{country.Streets[random.Next(country.Streets.Length)]} {random.Next(1, 250)}");
            var city = country.Cities[random.Next(country.Cities.Length)];
            buyers.Add(new SandboxBuyer(FirstGeneratedBuyerId + i, name, country.Code, country.Identifiers(random), street, city, country.PostCode(random), rating, RatingClasses.For(rating)));
        }

        buyers.Sort((a, b) => a.BuyerId.CompareTo(b.BuyerId));
        return new SandboxWorld(seed, customers, policies, buyers, today);
    }

    private static SandboxBuyer Fixed(long id, string name, string country, List<KeyValuePair<string, string>> identifiers, string street, string city, string postCode, int rating) =>
        new(id, name, country, identifiers, street, city, postCode, rating, RatingClasses.For(rating));
}
