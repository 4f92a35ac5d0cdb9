using Refit;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

/// <summary>
/// What many teams write instead of using an SDK: a Refit interface over the same endpoints, with Refit's
/// default System.Text.Json serializer.
/// </summary>
public interface ICoverRefitApi
{
    [Get("/credit-insurance/cover-management/v1/covers/{coverId}")]
    Task<CoverDto> GetCoverAsync(long coverId, [Header("Atradius-Correlation-Id")] string correlationId, CancellationToken cancellationToken = default);

    [Post("/credit-insurance/cover-management/v1/covers")]
    Task<CoverDto> SubmitAsync([Body] CoverApplicationDto application, [Header("Atradius-Correlation-Id")] string correlationId, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    [Get("/credit-insurance/cover-management/v1/covers")]
    Task<CoverPageDto> ListAsync(int pageSize, string? cursor, [Header("Atradius-Correlation-Id")] string correlationId, CancellationToken cancellationToken = default);
}
