// Keyboard help for the layout and tables.
// 1. The skip link moves focus to the main content (Blazor's router would otherwise only scroll to it).
// 2. Roving focus: in an element marked data-roving, only the current row's controls marked data-rove="<column>" are
//    tab stops (the others carry tabindex="-1"), so Tab passes a long table in a few steps; the arrow keys, Home and
//    End move to another row in the same column, which becomes the current row.
// 3. Tabs: in a [role=tablist], only the selected tab is a tab stop; the left and right arrow keys, Home and End move
//    the focus to another tab, which Enter, Space or a click opens (the tab bar of the predictions page).
(function () {
    'use strict';

    document.addEventListener('click', function (event) {
        var link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
        var target = link ? document.getElementById(link.getAttribute('href').slice(1)) : null;
        if (target) {
            event.preventDefault();
            target.focus();
        }
    }, true);

    var moves = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };

    function roving(event) {
        var item = event.target instanceof Element ? event.target.closest('[data-rove]') : null;
        var container = item ? item.closest('[data-roving]') : null;
        return container ? { item: item, container: container } : null;
    }

    document.addEventListener('keydown', function (event) {
        var found = roving(event);
        if (!found || !(event.key in moves) || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }

        var column = Array.prototype.slice.call(
            found.container.querySelectorAll('[data-rove="' + found.item.getAttribute('data-rove') + '"]'));
        var index = Math.min(column.length - 1, Math.max(0, column.indexOf(found.item) + moves[event.key]));
        event.preventDefault();
        makeCurrent(found.container, column[index]);
        column[index].focus();
    });

    // A click or focus by other means makes that control's row the current one.
    document.addEventListener('focusin', function (event) {
        var found = roving(event);
        if (found && found.item.getAttribute('tabindex') !== '0') {
            makeCurrent(found.container, found.item);
        }
    });

    // A re-render that removed the current row (fewer films) leaves no tab stop: the first row becomes current.
    new MutationObserver(function () {
        document.querySelectorAll('[data-roving]').forEach(function (container) {
            var first = container.querySelector('[data-rove]');
            if (first && !container.querySelector('[data-rove][tabindex="0"]')) {
                makeCurrent(container, first);
            }
        });
    }).observe(document.body, { childList: true, subtree: true });

    var tabMoves = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };

    document.addEventListener('keydown', function (event) {
        var tab = event.target instanceof Element ? event.target.closest('[role="tab"]') : null;
        var list = tab ? tab.closest('[role="tablist"]') : null;
        if (!list || !(event.key in tabMoves) || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }

        var tabs = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
        var index = Math.min(tabs.length - 1, Math.max(0, tabs.indexOf(tab) + tabMoves[event.key]));
        event.preventDefault();
        tabs[index].focus();
    });

    function makeCurrent(container, item) {
        var row = item.closest('tr') || item.parentElement;
        container.querySelectorAll('[data-rove]').forEach(function (other) {
            other.setAttribute('tabindex', row.contains(other) ? '0' : '-1');
        });
    }
})();
