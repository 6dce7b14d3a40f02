using System.Text.Json;

namespace Cinegraph.Core.Jobs;

/// <summary>
/// The <see cref="RefreshJob.Errors"/> of a job: its JSON form (read and written only by the column's converter,
/// <see cref="JobColumns"/>), and what is kept of a failure, which is for display: a one-line message and the
/// exception's type, never a stack trace (that goes to the log).
/// </summary>
public static class JobErrors
{
    /// <summary>Longest message kept per error; a longer one is cut.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>All a visitor (not an administrator) is told of a failed attempt: no message, type or path.</summary>
    public const string VisitorMessage = "The refresh failed.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The errors of a job, oldest first; a message stored before messages were cut is cut on reading.</summary>
    public static IReadOnlyList<JobError> Parse(string? errors) =>
        string.IsNullOrWhiteSpace(errors)
            ? []
            : [.. (JsonSerializer.Deserialize<List<JobError>>(errors, Json) ?? []).Select(e => e with { Message = ShortMessage(e.Message) })];

    /// <summary>The JSON array stored for <paramref name="errors"/>.</summary>
    public static string Serialize(IReadOnlyList<JobError> errors) => JsonSerializer.Serialize(errors, Json);

    /// <summary>The errors with one more appended (its message cut to <see cref="MaxMessageLength"/>).</summary>
    public static IReadOnlyList<JobError> Append(IReadOnlyList<JobError> errors, JobError error)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(error);
        return [.. errors, error with { Message = ShortMessage(error.Message) }];
    }

    /// <summary>What is kept of an exception: its first message line and its type name (the stack trace is for the log only).</summary>
    public static JobError Describe(DateTimeOffset at, int attempt, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new JobError(at, attempt, ShortMessage(exception.Message), exception.GetType().FullName ?? exception.GetType().Name);
    }

    /// <summary>The errors as a visitor may see them: when and which attempt, with <see cref="VisitorMessage"/> only.</summary>
    public static IReadOnlyList<JobError> ForVisitor(IReadOnlyList<JobError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return [.. errors.Select(e => new JobError(e.At, e.Attempt, VisitorMessage))];
    }

    /// <summary>The first line of <paramref name="message"/>, trimmed and cut to <see cref="MaxMessageLength"/>.</summary>
    public static string ShortMessage(string? message)
    {
        var text = message ?? "";
        var lineEnd = text.AsSpan().IndexOfAny('\r', '\n');
        var line = (lineEnd < 0 ? text : text[..lineEnd]).Trim();
        return line.Length > MaxMessageLength ? line[..MaxMessageLength] : line;
    }
}
