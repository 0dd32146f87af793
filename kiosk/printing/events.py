"""Plain-Python events of the print queue; the UI re-emits them as Qt signals.

Published with :class:`kiosk.sync.events.EventBus` (the kiosk's one event-bus pattern) on the
print worker's thread: subscribers must not block and must not touch widgets directly.

Every event carries ``job_id``, ``receipt_code``, ``state``, ``copy_number`` and ``message``
(Vietnamese, for the volunteer).
"""

from __future__ import annotations

PRINT_JOB_DID_CHANGE = "print_job_did_change"  # any state change (queued, printing, retry…)
# the job needs the volunteer: needs_confirmation (did it come out?), failed, or printed
PRINT_JOB_DID_FINISH = "print_job_did_finish"
