"""The Qt user interface. Importing any of it first pins None/True/False (see ui.refcounts)."""

from ui.refcounts import pin_singletons

pin_singletons()
