namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Where one item of a batch stands.</summary>
public enum BatchItemState
{
    /// <summary>Recorded, not sent yet.</summary>
    Pending = 0,

    /// <summary>Being sent; a runner that finds an item in this state after a crash cannot know whether it arrived.</summary>
    InFlight = 1,

    /// <summary>Sent and answered; the outcome is recorded.</summary>
    Done = 2,

    /// <summary>Sent, but the answer does not prove whether the service acted; to be resolved before sending again.</summary>
    Ambiguous = 3,

    /// <summary>Refused for good; the outcome says why.</summary>
    Failed = 4,
}
