using System.Diagnostics.Metrics;
using Cinegraph.Core.Predictions;

namespace Cinegraph.Tests.Web.Browser;

/// <summary>Counts the reads of the page model one app makes (its <c>cinegraph.predictions.page_reads</c> counter).</summary>
internal sealed class PageReads : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public PageReads(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name == PredictionsPageQuery.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public void Dispose() => _listener.Dispose();
}
