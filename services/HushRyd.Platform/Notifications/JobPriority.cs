namespace HushRyd.Platform.Notifications;

/// <summary>The seed's three priorities, most urgent first; the numeric order is the order jobs are taken in.</summary>
public enum JobPriority
{
    /// <summary>SOS alerts and payments.</summary>
    Critical = 0,

    /// <summary>Notifications and login codes.</summary>
    High = 1,

    /// <summary>Emails and reports.</summary>
    Normal = 2,
}
