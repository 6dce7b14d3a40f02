// Blazor JS initializer (loaded by blazor.web.js). `filmdetails`: a click in the predictions table, with the IMDb id
// of the Details button clicked (data-film), so the table's rows can be shared markup with one handler on the body.
export function afterWebStarted(blazor) {
    blazor.registerCustomEventType('filmdetails', {
        browserEventName: 'click',
        createEventArgs: event => ({ imdbId: event.target.closest?.('[data-film]')?.getAttribute('data-film') ?? null }),
    });
}
