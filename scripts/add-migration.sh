#!/usr/bin/env bash
# Adds an EF Core migration named <Name> for every database provider (SQLite, PostgreSQL, SQL Server).
#
#   scripts/add-migration.sh <Name>
#
# Each provider has its own DbContext subclass and migrations folder under Cinegraph.Core/Data/Migrations/<Provider>.
# Run it after every model change (CinegraphDbContext or the entities); the tests fail while any provider has
# pending model changes. To undo a migration that is not committed yet: delete its two files
# (<timestamp>_<Name>.cs and .Designer.cs) in each provider folder and restore the three
# <Context>ModelSnapshot.cs files from git. (`dotnet ef migrations remove` works too, but it connects to the
# design-time database, which exists only for SQLite.)
set -euo pipefail

usage() {
    echo "usage: $0 <MigrationName>   (a C# identifier in PascalCase, e.g. AddProfileColour)" >&2
    exit 2
}

[[ $# -eq 1 ]] || usage
name="$1"
[[ "$name" =~ ^[A-Z][A-Za-z0-9]*$ ]] || usage

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

project="Cinegraph.Core"
# provider folder -> context class
providers=(
    "Sqlite:SqliteCinegraphDbContext"
    "Postgres:PostgresCinegraphDbContext"
    "SqlServer:SqlServerCinegraphDbContext"
)

# Refuse a name some provider already uses (the class names would clash inside one assembly's namespace anyway).
for entry in "${providers[@]}"; do
    folder="${entry%%:*}"
    if compgen -G "$project/Data/Migrations/$folder/*_${name}.cs" > /dev/null; then
        echo "error: a migration named $name already exists in $project/Data/Migrations/$folder" >&2
        exit 1
    fi
done

dotnet tool restore > /dev/null

# No --namespace: the namespace follows the output folder (Cinegraph.Core.Data.Migrations.<Provider>), and with
# --namespace EF writes a new model snapshot to a folder derived from the namespace instead of --output-dir.
# One build serves all three: a provider's migration does not depend on the files another provider's step writes.
echo "== building $project"
dotnet build "$project" --configuration Debug --nologo --verbosity quiet

added=()
for entry in "${providers[@]}"; do
    folder="${entry%%:*}"
    context="${entry#*:}"
    echo "== $context: adding migration $name"
    if ! dotnet ef migrations add "$name" \
        --project "$project" \
        --startup-project "$project" \
        --context "$context" \
        --output-dir "Data/Migrations/$folder" \
        --configuration Debug \
        --no-build; then
        echo "error: adding $name for $context failed." >&2
        if [[ ${#added[@]} -gt 0 ]]; then
            echo "already added for: ${added[*]}; delete their $name files and restore their model snapshots from git" >&2
        fi
        exit 1
    fi
    added+=("$context")
done

# Every file of a provider must sit in its folder and namespace; the tests check the same at run time.
for entry in "${providers[@]}"; do
    folder="${entry%%:*}"
    for file in "$project/Data/Migrations/$folder"/*.cs; do
        if ! grep -q "^namespace Cinegraph\.Core\.Data\.Migrations\.$folder\b" "$file"; then
            echo "error: $file is not in namespace Cinegraph.Core.Data.Migrations.$folder" >&2
            exit 1
        fi
    done
    if [[ ! -f "$project/Data/Migrations/$folder/${entry#*:}ModelSnapshot.cs" ]]; then
        echo "error: the model snapshot of ${entry#*:} is not in $project/Data/Migrations/$folder" >&2
        exit 1
    fi
done
stray="$(git ls-files --others --exclude-standard -- "$project" | grep -v "^$project/Data/Migrations/" | grep 'ModelSnapshot\.cs$' || true)"
if [[ -n "$stray" ]]; then
    echo "error: model snapshots written outside Data/Migrations: $stray" >&2
    exit 1
fi

echo "== building $project with the new migrations"
dotnet build "$project" --configuration Debug --nologo --verbosity quiet
echo "added migration $name for: ${added[*]}"
