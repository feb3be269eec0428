"""Intent engine: calibrated intent rankings with an out-of-scope rule."""
