# tools/cv-img: nothing yet
