using Cinegraph.Benchmarks.Load;

namespace Cinegraph.Tests.Benchmarks;

public sealed class HeapTypesTests
{
    private const string Before = """
             22,100,000  GC Heap bytes
                250,000  GC Heap objects

           Object Bytes     Count  Type
                163,864         1  Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[] (Bytes > 100K)  [Microsoft.AspNetCore.Components.dll]
                     40       100  System.String  [System.Private.CoreLib.dll]
                     64         2  MudBlazor.MudText  [MudBlazor.dll]
        """;

    private const string After = """
            113,170,870  GC Heap bytes
                724,207  GC Heap objects

           Object Bytes     Count  Type
                163,864       101  Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[] (Bytes > 100K)  [Microsoft.AspNetCore.Components.dll]
                  1,320       100  Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[] (Bytes > 1K)  [Microsoft.AspNetCore.Components.dll]
                     40       700  System.String  [System.Private.CoreLib.dll]
                     64         2  MudBlazor.MudText  [MudBlazor.dll]
                     88        50  Entry<System.UInt64,System.UInt64>[]
        """;

    [Fact]
    public void ReadsEachTypesTotalFromTheAverageAndTheCountAndFoldsTheSizeBuckets()
    {
        var rows = HeapTypes.Parse(After);

        rows.Should().HaveCount(4);
        rows["Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[]"].Should().Be(
            new HeapTypes.Row("Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[]", (163_864 * 101) + (1_320 * 100), 201));
        rows["Entry<System.UInt64,System.UInt64>[]"].Bytes.Should().Be(88 * 50);
        CircuitMemory.ParseHeapBytes(After).Should().Be(113_170_870);
    }

    [Fact]
    public void ListsTheTypesThatGrewPerPageLargestFirstAndLeavesOutTheUnchanged()
    {
        var growth = HeapTypes.GrowthPerPage(HeapTypes.Parse(Before), HeapTypes.Parse(After), pages: 50, top: 10);

        growth.Select(r => r.Type).Should().Equal(
            "Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[]", "System.String", "Entry<System.UInt64,System.UInt64>[]");
        growth[0].Should().Be(new HeapTypes.Row("Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[]", ((163_864 * 100) + (1_320 * 100)) / 50, 4));
        growth[1].Should().Be(new HeapTypes.Row("System.String", 40 * 600 / 50, 12));
    }
}
