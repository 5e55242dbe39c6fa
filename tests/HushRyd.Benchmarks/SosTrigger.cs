using System.Net;

namespace HushRyd.Benchmarks;

/// <summary>One SOS as the app sent it: when it was sent, the answer and how long it took, and the alert it created.</summary>
internal sealed record SosTrigger(SosRider Rider, DateTimeOffset SentAt, HttpStatusCode Status, double PersistedMs, string? AlertId);
