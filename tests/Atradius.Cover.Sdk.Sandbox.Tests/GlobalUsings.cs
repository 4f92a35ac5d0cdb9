global using System.Net;
global using Atradius.Cover.Sdk.Sandbox.Hosting;
global using Atradius.Cover.Sdk.Sandbox.Tests.Support;
global using Atradius.Cover.Sdk.Sandbox.World;
global using Xunit;
global using static Atradius.Cover.Sdk.Sandbox.Tests.Support.ApiClient;
