# tools/cvsh: nothing yet
