// The navigation drawer (Components/Layout/MainLayout.razor), in MudDrawer's classes: open beside the page from 960 px
// (MudBlazor's md breakpoint), hidden under it until the toggle opens it over the page. The toggle only moves classes,
// so it needs no component or server round trip; the circuit's renders leave these classes alone (they never change
// in the markup).
(function () {
    'use strict';
    var small = window.matchMedia('(max-width: 959.98px)');

    function parts() {
        var drawer = document.getElementById('app-drawer');
        var layout = drawer ? drawer.closest('[data-layout]') : null;
        return layout ? { drawer: drawer, layout: layout, toggle: layout.querySelector('[data-drawer-toggle]') } : null;
    }

    // Shown: open, and not the first render's "open" on a small screen (MudBlazor's CSS hides that one).
    function shown(drawer) {
        return drawer.classList.contains('mud-drawer--open') && !(small.matches && drawer.classList.contains('mud-drawer--initial'));
    }

    function show(found, open) {
        found.drawer.classList.remove('mud-drawer--initial');
        found.drawer.classList.toggle('mud-drawer--open', open);
        found.drawer.classList.toggle('mud-drawer--closed', !open);
        found.layout.classList.toggle('mud-drawer-open-responsive-md-left', open);
        found.layout.classList.toggle('mud-drawer-close-responsive-md-left', !open);
        if (found.toggle) {
            found.toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
        }
    }

    document.addEventListener('click', function (event) {
        var found = parts();
        if (!found || !(event.target instanceof Element)) {
            return;
        }

        if (event.target.closest('[data-drawer-toggle]')) {
            show(found, !shown(found.drawer));
        } else if (small.matches && shown(found.drawer) && (!found.drawer.contains(event.target) || event.target.closest('a[href]'))) {
            // Over the page on a small screen: a click outside it, or on one of its links, closes it.
            show(found, false);
        }
    });

    document.addEventListener('keydown', function (event) {
        var found = event.key === 'Escape' && small.matches ? parts() : null;
        if (found && shown(found.drawer)) {
            show(found, false);
        }
    });
})();
