"""PII redaction for English and Chinese customer text.

Anything that leaves the database for training, export or the retrieval index passes
through :func:`redact`, which replaces personal data with typed placeholders so the
text keeps its shape (a model still learns "my email is [EMAIL]"):

==============  ===================================================================
placeholder     what it replaces
==============  ===================================================================
``[EMAIL]``     e-mail addresses (plus tags, subdomains), including "name (at) host
                (dot) com" spellings
``[PHONE]``     mainland mobiles (11 digits, +86/0086/86 prefixes, any grouping),
                landlines with area codes, international numbers with ``+CC``, US
                ``(555) 123-4567`` styles; bare digit runs, or digits typed one by one or in short
                groups (``1 3 8 0 0 1 3 8 0 0 0``), after a phone keyword
``[CARD]``      payment card numbers: 13-19 digits (any spacing) passing Luhn, and
                anything written as 4-4-4-4 groups; bank account numbers (IBAN)
``[ID_NUMBER]`` Chinese resident ID numbers (18 chars with a plausible birth date,
                or 15 after 身份证), US SSNs ``123-45-6789``, and numbers after
                ID keywords (passport, 护照, 身份证, SSN, driver's licence)
``[ADDRESS]``   street addresses (en: number + street + suffix, with unit, city,
                state/ZIP or UK postcode; zh: 省/市/区/县/路/街/号/室 runs) and the
                rest of the sentence after "my address is" / "地址是"
``[NAME]``      names the customer gives ("my name is", "I'm", "this is", "call me",
                sign-offs, Mr/Ms titles, 我叫, 我是 + surname, 姓名/收件人/联系人,
                王先生/李女士), and every later occurrence of those names
==============  ===================================================================

Order numbers (``#LL20260412``, ``ORD-123456``) and tracking numbers
(``SF1234567890``, ``1Z999AA10123456784``) are *not* PII: agents need them and the
slot filler uses them. Digits glued to letters, ``#`` or ``/`` are never matched, and
a bare digit run right after an order/tracking keyword is left alone unless it is a
Luhn-valid card or an ID number.

The detectors are deliberately greedy where a miss would leak data; over-redaction
of a few words costs a training example a little, a leak costs a customer.

One module per kind of data: :mod:`.emails`, :mod:`.phones`, :mod:`.ids` (cards, bank
accounts, ID numbers), :mod:`.addresses`, :mod:`.names`; :mod:`.repeats` finds later
mentions of what was found, and :mod:`.find` merges every detector's spans.
"""

from assist.core.redact.find import find_pii, redact
from assist.core.redact.spans import PLACEHOLDERS, PiiSpan

__all__ = ["PLACEHOLDERS", "PiiSpan", "find_pii", "redact"]
