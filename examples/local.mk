# examples: nothing yet
