using Cinegraph.Core.Jobs;

namespace Cinegraph.Tests.Jobs;

public sealed class JobErrorsTests
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DescribesAnExceptionByItsFirstMessageLineAndTypeWithoutTheStackTrace()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("boom in /home/build/src/Thing.cs\r\n   at Thing.Do()");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var error = JobErrors.Describe(s_at, 2, thrown);

        error.Should().Be(new JobError(s_at, 2, "boom in /home/build/src/Thing.cs", "System.InvalidOperationException"));
        thrown.StackTrace.Should().NotBeNullOrEmpty("the stack trace exists; it is only not kept");
    }

    [Fact]
    public void CutsALongMessageAndAStackTraceStoredBeforeMessagesWereShort()
    {
        var legacy = """[{"at":"2026-01-01T00:00:00+00:00","attempt":1,"message":"System.Exception: old\n   at Cinegraph.Core.Jobs.X() in /src/X.cs:line 4"}]""";

        var appended = JobErrors.Serialize(JobErrors.Append(JobErrors.Parse(legacy), new JobError(s_at, 2, new string('x', 5000))));
        var errors = JobErrors.Parse(appended);

        errors.Select(e => e.Message.Length).Should().Equal("System.Exception: old".Length, JobErrors.MaxMessageLength);
        errors[0].Message.Should().Be("System.Exception: old");
        appended.Should().NotContain("X.cs");
    }

    [Fact]
    public void VisitorsSeeOnlyThatTheRefreshFailed()
    {
        IReadOnlyList<JobError> errors = [new JobError(s_at, 1, "disk /var/lib/cinegraph full", "System.IO.IOException")];

        var visible = JobErrors.ForVisitor(errors);

        visible.Should().Equal(new JobError(s_at, 1, JobErrors.VisitorMessage));
    }
}
