using Cinegraph.Core.Validation;

namespace Cinegraph.Tests.Validation;

/// <summary>Regenerating docs/validation.md keeps the hand-written notes below the marker.</summary>
public sealed class ValidationReportTests
{
    [Fact]
    public void RegeneratingKeepsTheHandWrittenPartAndReplacesTheFigures()
    {
        var existing = $"# Validation\n\nold figures\n\n{ValidationReport.HandWrittenMarker}\n\n## Attempts\n\nnotes\n";

        var kept = ValidationReport.KeepHandWritten("# Validation\n\nnew figures\n", existing);

        kept.Should().Contain("new figures").And.NotContain("old figures").And.EndWith($"{ValidationReport.HandWrittenMarker}\n\n## Attempts\n\nnotes\n");
    }

    [Fact]
    public void AReportWithoutTheMarkerIsWrittenAsGenerated()
    {
        ValidationReport.KeepHandWritten("generated\n", "# old, no marker\n").Should().Be("generated\n");
        ValidationReport.KeepHandWritten("generated\n", null).Should().Be("generated\n");
    }
}
