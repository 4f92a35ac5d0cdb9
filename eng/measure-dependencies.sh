#!/usr/bin/env bash
# Measures what each package combination pulls into an application: a throw-away net10.0 console app per
# combination restores the packages in artifacts/packages (pack them first) into its own packages folder,
# then lists the transitive closure and sums the sizes of the .nupkg files restored. Prints a Markdown table.
#   bash eng/measure-dependencies.sh
set -euo pipefail
cd "$(dirname "$0")/.."
feed="$(pwd)/artifacts/packages"
version="$(ls "$feed"/Atradius.Cover.Sdk.[0-9]*.nupkg | head -1 | sed -E 's/.*Atradius\.Cover\.Sdk\.(.*)\.nupkg/\1/')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

measure() {
  local name="$1"; shift
  local app="$work/$name"
  mkdir -p "$app"
  cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$app/packages" /></config>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
  echo '<Project />' >"$app/Directory.Build.props"
  echo '<Project />' >"$app/Directory.Build.targets"
  echo '<Project />' >"$app/Directory.Packages.props"
  {
    echo '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup>'
    for package in "$@"; do echo "<PackageReference Include=\"$package\" Version=\"$version\" />"; done
    echo '</ItemGroup></Project>'
  } >"$app/App.csproj"
  echo 'System.Console.WriteLine();' >"$app/Program.cs"
  dotnet restore "$app/App.csproj" >/dev/null
  # Packages other than ours: the closure a user takes on.
  local listed
  listed="$(dotnet list "$app/App.csproj" package --include-transitive | grep -E '^\s+>' | awk '{print $2}' | grep -v '^Atradius\.' | sort -u)"
  local count bytes
  count="$(echo "$listed" | grep -c . || true)"
  bytes="$(find "$app/packages" -name '*.nupkg' ! -path '*/atradius.*' -printf '%s\n' | awk '{s+=$1} END {print s+0}')"
  printf '| %s | %s | %.1f MB |\n' "$*" "$count" "$(echo "$bytes / 1048576" | bc -l)"
  echo "$listed" >"$work/$name.txt"
  cp "$work/$name.txt" "${MEASURE_LISTS:-/dev/null}.$name" 2>/dev/null || true
}

echo "| Packages referenced (net10.0 app) | Third-party packages in the closure | Their .nupkg size |"
echo "| --- | ---: | ---: |"
measure core Atradius.Cover.Sdk
measure portfolio Atradius.Cover.Sdk Atradius.Cover.Sdk.Portfolio
measure postgresql Atradius.Cover.Sdk Atradius.Cover.Sdk.Portfolio Atradius.Cover.Sdk.Portfolio.PostgreSql
