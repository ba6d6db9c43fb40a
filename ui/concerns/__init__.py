"""The reports-of-concern area (orosanmälan): list, editor, review, PDF and tracking."""
