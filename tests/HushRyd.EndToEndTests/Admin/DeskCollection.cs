namespace HushRyd.EndToEndTests.Admin;

/// <summary>The desk's test classes share one server and one browser, one class after the other.</summary>
[CollectionDefinition(Name)]
public sealed class DeskCollection : ICollectionFixture<DeskServer>
{
    public const string Name = "desk";
}
