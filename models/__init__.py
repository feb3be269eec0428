"""Default model recipes (JSON): sizes and hyper-parameters of the models we train."""
