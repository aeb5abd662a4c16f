# lib/drivers/test: nothing yet
