"""In-memory PDF building shared by every report (reportlab; DejaVu embedded for å/ä/ö)."""
