// The colour scheme (Components/Layout/ThemeState.cs). Loaded in <head>, before the page is shown: keeps a cookie
// with the system's scheme, so the server renders the next page in it; stores the visitor's toggle choice.
(function () {
    'use strict';
    var year = 60 * 60 * 24 * 365;
    var media = window.matchMedia('(prefers-color-scheme: dark)');

    function setCookie(name, value, maxAge) {
        document.cookie = name + '=' + value + '; path=/; max-age=' + maxAge + '; samesite=lax';
    }

    function rememberSystem() {
        setCookie('cinegraph-system-theme', media.matches ? 'dark' : 'light', year);
    }

    function save(preference) {
        if (preference === 'dark' || preference === 'light') {
            setCookie('cinegraph-theme', preference, year);
        } else {
            setCookie('cinegraph-theme', '', 0);
        }
    }

    rememberSystem();
    media.addEventListener('change', rememberSystem);
    window.cinegraphTheme = { save: save };

    // A static page (sign-in, errors) has no circuit: its toggle stores the next choice and reloads.
    document.addEventListener('click', function (event) {
        var toggle = event.target instanceof Element ? event.target.closest('[data-theme-static]') : null;
        if (toggle) {
            save(toggle.getAttribute('data-theme-next'));
            window.location.reload();
        }
    });
})();
