using System.Reflection;
using HushRyd.Runtime.Dapr;
using HushRyd.Testing;
using YamlDotNet.RepresentationModel;

namespace HushRyd.UnitTests;

/// <summary>Operators swap providers by editing component YAML; these tests keep those files honest.</summary>
public class ComponentFilesTests
{
    private static readonly string[] Environments = ["local", "production"];

    private static readonly string[] SecretLikeMetadata = ["password", "token", "apikey", "authtoken", "accountsid", "connectionstring", "secret"];

    public static TheoryData<string> YamlFiles()
    {
        var root = RepositoryRoot.Path;
        var files = new[] { "components", "deploy" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(root, dir), "*.yaml", SearchOption.AllDirectories))
            .Concat([Path.Combine(root, "dapr.yaml"), Path.Combine(root, "tye.yaml")])
            .Select(file => Path.GetRelativePath(root, file));
        return [.. files];
    }

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Every_yaml_file_parses(string relativePath)
    {
        var documents = Load(Path.Combine(RepositoryRoot.Path, relativePath));

        Assert.NotEmpty(documents);
    }

    public static TheoryData<string, string> CodeComponentNamesPerEnvironment()
    {
        var data = new TheoryData<string, string>();
        foreach (var environment in Environments)
        {
            foreach (var name in ComponentNamesUsedByCode())
            {
                data.Add(environment, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodeComponentNamesPerEnvironment))]
    public void Every_component_name_the_code_uses_exists_in_every_environment(string environment, string componentName)
    {
        Assert.Contains(componentName, Components(environment).Select(c => c.Name));
    }

    [Fact]
    public void Local_components_keep_the_production_names()
    {
        var production = Components("production").Select(c => c.Name).ToHashSet();

        Assert.All(Components("local"), c => Assert.Contains(c.Name, production));
    }

    [Fact]
    public void Every_environment_folder_defines_the_same_component_names()
    {
        var folders = Directory.EnumerateDirectories(Path.Combine(RepositoryRoot.Path, "components")).Select(Path.GetFileName).ToList();
        var names = folders.ToDictionary(folder => folder!, folder => Components(folder!).Select(c => c.Name).Order(StringComparer.Ordinal).ToList());

        Assert.All(names, environment => Assert.Equal(names["production"], environment.Value));
    }

    public static TheoryData<string> EnvironmentNames() => [.. Environments];

    [Theory]
    [MemberData(nameof(EnvironmentNames))]
    public void Components_are_scoped_and_take_credentials_from_the_secret_store(string environment)
    {
        foreach (var component in Components(environment))
        {
            Assert.True(component.Scopes.Count > 0, $"{component.Name} in {environment} has no scopes");
            if (component.Type.StartsWith("secretstores.", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (name, entry) in component.Metadata)
            {
                // Header names (securityTokenHeader) say where a secret goes, they are not one.
                if (!name.EndsWith("Header", StringComparison.Ordinal) && SecretLikeMetadata.Any(secret => name.Contains(secret, StringComparison.OrdinalIgnoreCase)))
                {
                    Assert.True(entry.Children.ContainsKey("secretKeyRef"), $"{component.Name}.{name} in {environment} holds a credential inline instead of a secretKeyRef");
                    Assert.Equal("secretstore", component.SecretStore);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(EnvironmentNames))]
    public void State_stores_can_hold_workflow_and_actor_state(string environment)
    {
        var store = Components(environment).Single(c => c.Name == DaprComponentNames.StateStore);

        Assert.Equal("true", ((YamlScalarNode)store.Metadata["actorStateStore"].Children["value"]).Value);
    }

    [Theory]
    [InlineData("mongodb", "30s", 5, "60s")]
    [InlineData("redis", "5s", 3, "30s")]
    [InlineData("twilio", "10s", 10, "120s")]
    [InlineData("sendgrid", "10s", 10, "120s")]
    public void Resiliency_carries_the_seed_circuit_breaker_figures(string service, string callTimeout, int threshold, string resetTimeout)
    {
        var policies = (YamlMappingNode)Load(Path.Combine(RepositoryRoot.Path, "components", "resiliency.yaml"))[0]["spec"]["policies"];
        var breaker = (YamlMappingNode)policies["circuitBreakers"][service];

        Assert.Equal(callTimeout, Scalar(policies["timeouts"][service]));
        Assert.Equal($"consecutiveFailures >= {threshold}", Scalar(breaker["trip"]));
        Assert.Equal(resetTimeout, Scalar(breaker["timeout"]));
    }

    private static IEnumerable<string> ComponentNamesUsedByCode() =>
        typeof(DaprComponentNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!);

    private static List<Component> Components(string environment) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "components", environment), "*.yaml")
            .SelectMany(Load)
            .Where(document => Scalar(document["kind"]) == "Component")
            .Select(Component.From)
            .ToList();

    private static List<YamlNode> Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(document => document.RootNode).ToList();
    }

    private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

    private sealed record Component(string Name, string Type, List<string> Scopes, Dictionary<string, YamlMappingNode> Metadata, string? SecretStore)
    {
        public static Component From(YamlNode document)
        {
            var root = (YamlMappingNode)document;
            var spec = (YamlMappingNode)root["spec"];
            var metadata = spec.Children.TryGetValue("metadata", out var entries)
                ? ((YamlSequenceNode)entries).Cast<YamlMappingNode>().ToDictionary(entry => Scalar(entry["name"])!, entry => entry)
                : [];
            var scopes = root.Children.TryGetValue("scopes", out var scopeNode) ? ((YamlSequenceNode)scopeNode).Select(s => Scalar(s)!).ToList() : [];
            var secretStore = root.Children.TryGetValue("auth", out var auth) ? Scalar(auth["secretStore"]) : null;
            return new Component(Scalar(root["metadata"]["name"])!, Scalar(spec["type"])!, scopes, metadata, secretStore);
        }
    }
}
