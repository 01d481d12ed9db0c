from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class CbsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CBS file"),
        help_text=_(
            "“Kerncijfers wijken en buurten” as CSV (from StatLine or the open-data portal) "
            "or as OData JSON."
        ),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1995,
        max_value=2100,
        help_text=_("Only needed when the file does not say which year it is about."),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 20 MB)."))
        return upload
