"""The headless domain core: validation, normalisation, masking and reference data.

``payloads.validate_payload`` is the one gate for contract-v1 payloads; ``fields``,
``identity``, ``phones``, ``address``, ``consent``, ``procedures`` and ``registrations`` hold
the checks it is built from; ``units`` is the bundled administrative-units dataset;
``masking`` hides personal data; ``samples`` makes synthetic records. No Qt, no I/O beyond
reading bundled files, no logging of personal data.
"""
