"""Reports of concern about children (orosanmälan): model, dated legal rules, safety rules, PDF, tracking."""
