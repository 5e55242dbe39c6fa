using HushRyd.Location.Drivers;

namespace HushRyd.Location.Api;

public sealed record NearbyDriversView(IReadOnlyList<NearbyDriver> Items);
