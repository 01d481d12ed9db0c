from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from omzien.core import permissions
from omzien.keyfigures import rules, selectors, services
from omzien.keyfigures.cbs import CbsFileError
from omzien.keyfigures.forms import CbsUploadForm


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    """Upload a CBS file (coordinators) and see what was imported per year."""
    permissions.require(request.user, "keyfigures.import")
    form = CbsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.keyfigures_import(
                content=upload.read(),
                file_name=upload.name or "",
                year=form.cleaned_data["year"],
                user=request.user,
                may_write=lambda area: rules.may_write_area(request.user, area),
            )
        except CbsFileError as exc:
            for problem in exc.problems:
                form.add_error("file", str(problem))
        else:
            message = _(
                "Imported: figures of %(count)s areas for %(year)s. %(skipped)s rows skipped "
                "(area not in omzien, or not yours)."
            ) % {
                "count": result.imported,
                "year": result.source_import.year,
                "skipped": len(result.skipped_codes) + len(result.not_allowed_codes),
            }
            messages.success(request, message)
            return redirect("keyfigures:imports")
    return render(
        request,
        "keyfigures/imports.html",
        {
            "form": form,
            "imports_per_year": selectors.imports_per_year(),
        },
    )
