"""Background link checks of the OIT register, through Django's tasks API (see progress.tasks).
The scheduler (cron) calls `prongsai oit_check_links`, which enqueues one task per register."""

from __future__ import annotations

from django_tasks import task


@task()
def check_register_links(register_id: int) -> dict[str, int]:
    """Check every link of a register with the evidence link checker; keep each result."""
    from prongsai.oit import services
    from prongsai.oit.models import Register
    from prongsai.progress import linkcheck

    register = Register.objects.filter(pk=register_id).first()
    if register is None:
        return {}
    links = services.register_links(register)
    results = linkcheck.check_urls(link.url for link in links)
    tally: dict[str, int] = {}
    for link in links:
        result = results[link.url]
        services.link_record_check(
            link, status=result.status, http_status=result.http_status, detail=result.detail
        )
        tally[result.status] = tally.get(result.status, 0) + 1
    return tally
