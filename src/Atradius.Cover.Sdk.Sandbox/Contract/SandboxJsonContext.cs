using System.Text.Json.Serialization;
using Atradius.Cover.Sdk.Sandbox.Persistence;

namespace Atradius.Cover.Sdk.Sandbox.Contract;

/// <summary>Source-generated serialization of the state file; answers are written by hand with <see cref="System.Text.Json.Utf8JsonWriter"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, WriteIndented = false)]
[JsonSerializable(typeof(PersistedState))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
