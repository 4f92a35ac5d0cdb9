namespace Atradius.Cover.Sdk;

/// <summary>The submission's answer and the cover as last known (after a wait for a referred decision).</summary>
internal sealed class CoverBatchAnswer
{
    public CoverBatchAnswer(ApplicationResult submitted, CoverDecision current)
    {
        Submitted = submitted;
        Current = current;
    }

    public ApplicationResult Submitted { get; }

    public CoverDecision Current { get; }
}
