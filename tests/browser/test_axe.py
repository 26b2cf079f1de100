"""The accessibility check is not vacuous: axe-core, as injected by the tests, reports an
unlabelled field as a critical violation."""


def test_axe_reports_an_unlabelled_field(back_office):
    back_office.page.set_content(
        '<!doctype html><html lang="fr"><head><title>Essai</title></head>'
        '<body><main><h1>Essai</h1><form><input type="text" name="nom"></form></main></body></html>'
    )
    back_office.audit()
    found = [(v.rule, v.impact) for v in back_office.violations]
    assert ("label", "critical") in found
    back_office.violations.clear()  # expected here: not a failure of the page under test
