"""The REST door's JSON parser: DRF's, plus the input check every door shares (no NUL byte in
any string, keys included: ``imedia_core.input_checks``)."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from imedia_core.input_checks import NUL_CODE, NUL_MESSAGE, has_nul


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if has_nul(data):
            raise ParseError(NUL_MESSAGE, code=NUL_CODE)
        return data
