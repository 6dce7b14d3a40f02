namespace Cinegraph.Web.Components.Pages.Jobs;

/// <summary>
/// Runs a page's reload for a burst of changes: at most one at a time, and one more after it if any change came
/// meanwhile (never one per change). Used on the renderer's thread only.
/// </summary>
public sealed class CoalescedReload(Func<Task> reload)
{
    private bool _running;
    private bool _again;

    public async Task RequestAsync()
    {
        if (_running)
        {
            _again = true;
            return;
        }

        _running = true;
        try
        {
            do
            {
                _again = false;
                await reload();
            }
            while (_again);
        }
        finally
        {
            _running = false;
        }
    }
}
