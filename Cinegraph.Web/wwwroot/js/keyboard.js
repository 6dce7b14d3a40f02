// Keyboard help for the layout and tables.
// 1. The skip link moves focus to the main content (Blazor's router would otherwise only scroll to it).
// 2. Roving focus: in an element marked data-roving, the controls marked data-rove="<column>" are one tab stop per
//    column (the others carry tabindex="-1"); the arrow keys, Home and End move along the column.
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

    document.addEventListener('keydown', function (event) {
        var item = event.target instanceof Element ? event.target.closest('[data-rove]') : null;
        var container = item ? item.closest('[data-roving]') : null;
        if (!container || !(event.key in moves) || event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }

        var column = Array.prototype.slice.call(container.querySelectorAll('[data-rove="' + item.getAttribute('data-rove') + '"]'));
        var index = Math.min(column.length - 1, Math.max(0, column.indexOf(item) + moves[event.key]));
        event.preventDefault();
        move(column, column[index]);
    });

    // A click or focus by other means makes that control its column's tab stop.
    document.addEventListener('focusin', function (event) {
        var item = event.target instanceof Element ? event.target.closest('[data-rove]') : null;
        var container = item ? item.closest('[data-roving]') : null;
        if (container && item.getAttribute('tabindex') !== '0') {
            move(Array.prototype.slice.call(container.querySelectorAll('[data-rove="' + item.getAttribute('data-rove') + '"]')), item);
        }
    });

    function move(column, next) {
        column.forEach(function (other) { other.setAttribute('tabindex', other === next ? '0' : '-1'); });
        if (document.activeElement !== next) {
            next.focus();
        }
    }
})();
