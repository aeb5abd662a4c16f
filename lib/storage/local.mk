# lib/storage: nothing yet
