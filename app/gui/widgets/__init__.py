"""Small reusable widgets: camera preview, level meter, countdown, score badge, notice bar."""
