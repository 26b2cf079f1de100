"""The Content-Security-Policy check of the browser tests is not vacuous: an inline script added
to an admin page is blocked by the browser, and the ``back_office`` fixture sees it."""


def test_an_inline_script_is_blocked_and_reported(back_office, space):
    back_office.goto(f"/t/{space.slug}/admin/login/")
    back_office.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; "
        "document.head.appendChild(s); }"
    )
    assert back_office.page.evaluate("() => window.injected === undefined")
    back_office.page.wait_for_timeout(200)  # the console message arrives asynchronously
    assert any("Content Security Policy" in line for line in back_office.csp_violations)
    back_office.csp_violations.clear()  # expected here: not a failure of the page under test
