namespace Atradius.Cover.Sdk.Sandbox.World;

/// <summary>
/// Well-known parts of every sandbox world, whatever the seed, so tests and samples need not search
/// for them. Buyers marked "free" have no cover in the seeded world, so a first application on them
/// succeeds; the others carry the seeded covers listed below.
/// </summary>
public static class SandboxFixtures
{
    /// <summary>Customer 200417, Holland Export Trading B.V.: the customer of the ready-made clients; holds the live EUR policy and an expired USD one.</summary>
    public const long EuroCustomerId = 200417;

    /// <summary>Customer 200418, Thames Wholesale Ltd: another customer, with the GBP policy; its covers are invisible to customer 200417.</summary>
    public const long SterlingCustomerId = 200418;

    /// <summary>Customer 200419, Great Lakes Supply Inc.; holds the USD policy.</summary>
    public const long DollarCustomerId = 200419;

    /// <summary>Live EUR policy of <see cref="EuroCustomerId"/>; credit checks cover EUR 20,000.</summary>
    public const string EuroPolicyId = "5012345";

    /// <summary>Expired USD policy of <see cref="EuroCustomerId"/>: readable, but it takes no new applications.</summary>
    public const string ExpiredDollarPolicyId = "5012300";

    /// <summary>Live GBP policy of <see cref="SterlingCustomerId"/>; credit checks cover GBP 15,000.</summary>
    public const string SterlingPolicyId = "5012346";

    /// <summary>Live USD policy of <see cref="DollarCustomerId"/>; credit checks cover USD 25,000.</summary>
    public const string DollarPolicyId = "5012347";

    /// <summary>Free for customer 200417. Tulip Trading B.V., Amsterdam (NLD), rating 35 (Good): applications up to 100,000 are decided at once (DC01, answer 201).</summary>
    public const long WellRatedDutchBuyerId = 10042317;

    /// <summary>VAT number of <see cref="WellRatedDutchBuyerId"/>.</summary>
    public const string WellRatedDutchBuyerVat = "NL859338221B01";

    /// <summary>Chamber of commerce (KvK, uidType CR) number of <see cref="WellRatedDutchBuyerId"/>.</summary>
    public const string WellRatedDutchBuyerChamberOfCommerce = "34127561";

    /// <summary>Name of <see cref="WellRatedDutchBuyerId"/>.</summary>
    public const string WellRatedDutchBuyerName = "Tulip Trading B.V.";

    /// <summary>Free. Albion Components Ltd, Leeds (GBR), rating 12 (Very good): up to 100,000 decided at once; larger amounts referred (202), then approved in full (DC01).</summary>
    public const long VeryGoodBritishBuyerId = 10042320;

    /// <summary>VAT number of <see cref="VeryGoodBritishBuyerId"/>.</summary>
    public const string VeryGoodBritishBuyerVat = "GB293847561";

    /// <summary>Free. Rheinland Maschinenbau GmbH, Köln (DEU), rating 48 (Satisfactory): referred, then approved with conditions (DC02).</summary>
    public const long SatisfactoryGermanBuyerId = 10051199;

    /// <summary>VAT number of <see cref="SatisfactoryGermanBuyerId"/>.</summary>
    public const string SatisfactoryGermanBuyerVat = "DE811907980";

    /// <summary>Free. Sol Distribuciones S.L., Sevilla (ESP), rating 62 (Fair): referred, then partially approved (DC04, half the amount); above 250,000 first a preliminary DC06, then the final DC04.</summary>
    public const long FairSpanishBuyerId = 10042388;

    /// <summary>VAT number of <see cref="FairSpanishBuyerId"/>.</summary>
    public const string FairSpanishBuyerVat = "ESB91234567";

    /// <summary>Free. Nordic Paper AB, Göteborg (SWE), rating 80 (Weak): referred, then refused (DC03, amount 0); above 250,000 first a preliminary DC07, then the final DC03.</summary>
    public const long WeakSwedishBuyerId = 10042399;

    /// <summary>VAT number of <see cref="WeakSwedishBuyerId"/>.</summary>
    public const string WeakSwedishBuyerVat = "SE556677889901";

    /// <summary>Porto Cork Lda (PRT), rating 30 (Good); carries the seeded indication <see cref="ConvertibleIndicationCoverId"/>.</summary>
    public const long IndicationBuyerId = 10042330;

    /// <summary>Danube Foods GmbH (AUT), rating 45; carries the seeded credit limit <see cref="ExistingCreditLimitCoverId"/> and, beside it, the credit check <see cref="ExistingCreditCheckCoverId"/>.</summary>
    public const long ExistingCoverBuyerId = 10042340;

    /// <summary>Hansa Logistik GmbH (DEU), rating 25; its credit limit was superseded: <see cref="SupersededCreditLimitCoverId"/> (historic) and <see cref="SupersedingCreditLimitCoverId"/> (current).</summary>
    public const long SupersededCoverBuyerId = 10042350;

    /// <summary>Brugge Textiel NV (BEL), rating 40; its seeded cover <see cref="CancelledCreditLimitCoverId"/> was cancelled, so the buyer is free again.</summary>
    public const long CancelledCoverBuyerId = 10042360;

    /// <summary>Baltic Amber Sp. z o.o. (POL), rating 90 (Poor, down from 40; shown by my-buyers) since its seeded cover <see cref="DeterioratedBuyerCoverId"/> was decided: an increase on it is refused (DC05).</summary>
    public const long DeterioratedBuyerId = 10042370;

    /// <summary>Vistula Steel S.A. (POL), rating 52; carries the seeded referred application <see cref="PendingApplicationCoverId"/>.</summary>
    public const long PendingApplicationBuyerId = 10042380;

    /// <summary>A decided credit limit (EUR 75,000) under <see cref="EuroPolicyId"/> on <see cref="ExistingCoverBuyerId"/>: a second credit limit application on that buyer is refused with "Credit limit/credit check already exists for this buyer.".</summary>
    public const long ExistingCreditLimitCoverId = 70001234;

    /// <summary>A decided indication (EUR 30,000) under <see cref="EuroPolicyId"/> on <see cref="IndicationBuyerId"/>, convertible to a credit limit.</summary>
    public const long ConvertibleIndicationCoverId = 70001235;

    /// <summary>The first version (EUR 40,000) of the credit limit on <see cref="SupersededCoverBuyerId"/>: historic, SCLD, superseded by <see cref="SupersedingCreditLimitCoverId"/>.</summary>
    public const long SupersededCreditLimitCoverId = 70001236;

    /// <summary>A cancelled credit limit (historic, CCLD) on <see cref="CancelledCoverBuyerId"/>.</summary>
    public const long CancelledCreditLimitCoverId = 70001237;

    /// <summary>A credit limit (DC01, EUR 60,000) on <see cref="DeterioratedBuyerId"/>, decided before the buyer's rating fell: an increase is refused (DC05).</summary>
    public const long DeterioratedBuyerCoverId = 70001238;

    /// <summary>A credit limit application (EUR 250,000) on <see cref="PendingApplicationBuyerId"/>, referred; decided (DC02) one day after the sandbox starts, or by <c>DecideReferredApplications</c>.</summary>
    public const long PendingApplicationCoverId = 70001239;

    /// <summary>An indication of customer <see cref="SterlingCustomerId"/> on <see cref="IndicationBuyerId"/>: invisible to customer 200417, whose convert answers 404.</summary>
    public const long OtherCustomerIndicationCoverId = 70001240;

    /// <summary>A credit check (EUR 20,000) beside the credit limit <see cref="ExistingCreditLimitCoverId"/> on <see cref="ExistingCoverBuyerId"/>.</summary>
    public const long ExistingCreditCheckCoverId = 70001241;

    /// <summary>The current credit limit (EUR 80,000) on <see cref="SupersededCoverBuyerId"/>, which superseded <see cref="SupersededCreditLimitCoverId"/> under a new cover id.</summary>
    public const long SupersedingCreditLimitCoverId = 70001242;

    /// <summary>A credit limit of customer <see cref="SterlingCustomerId"/> on <see cref="WellRatedDutchBuyerId"/>: customer 200417 does not see it, and may still apply on that buyer.</summary>
    public const long OtherCustomerCreditLimitCoverId = 70001243;

    /// <summary>First id of the generated covers that fill the portfolio.</summary>
    public const long FirstGeneratedCoverId = 70002000;

    /// <summary>Client id of the read-write client of customer <see cref="EuroCustomerId"/>.</summary>
    public const string ReadWriteClientId = "sandbox-read-write";

    /// <summary>Client secret of the read-write client.</summary>
    public const string ReadWriteClientSecret = "sandbox-read-write-secret";

    /// <summary>Application key of the read-write client.</summary>
    public const string ReadWriteAppKey = "sandbox-app-key-read-write";

    /// <summary>Client id of the read-only client of customer <see cref="EuroCustomerId"/>: its writes answer 403.</summary>
    public const string ReadOnlyClientId = "sandbox-read-only";

    /// <summary>Client secret of the read-only client.</summary>
    public const string ReadOnlyClientSecret = "sandbox-read-only-secret";

    /// <summary>Application key of the read-only client.</summary>
    public const string ReadOnlyAppKey = "sandbox-app-key-read-only";

    /// <summary>Client id of the read-write client of the other customer, <see cref="SterlingCustomerId"/>.</summary>
    public const string OtherCustomerClientId = "sandbox-other-customer";

    /// <summary>Client secret of the other customer's client.</summary>
    public const string OtherCustomerClientSecret = "sandbox-other-customer-secret";

    /// <summary>Application key of the other customer's client.</summary>
    public const string OtherCustomerAppKey = "sandbox-app-key-other-customer";

    /// <summary>
    /// Client id of the broker's read-write client: its own customer is <see cref="EuroCustomerId"/> (policy
    /// <see cref="EuroPolicyId"/>), and it may also act for <see cref="SterlingCustomerId"/>, but not for <see cref="DollarCustomerId"/>.
    /// </summary>
    public const string BrokerClientId = "sandbox-broker";

    /// <summary>Client secret of the broker's client.</summary>
    public const string BrokerClientSecret = "sandbox-broker-secret";

    /// <summary>Application key of the broker's client.</summary>
    public const string BrokerAppKey = "sandbox-app-key-broker";
}
