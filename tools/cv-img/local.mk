bin_PROGRAMS += tools/cv-img/cv-img
tools_cv_img_cv_img_SOURCES = tools/cv-img/cv-img.c
tools_cv_img_cv_img_CPPFLAGS = -I$(top_srcdir)/include -I$(top_builddir)
tools_cv_img_cv_img_CFLAGS = $(WARN_CFLAGS) $(SAN_CFLAGS) $(GLIB_CFLAGS) $(JSON_CFLAGS)
tools_cv_img_cv_img_LDADD = lib/libcloudvirt.la $(GLIB_LIBS) $(JSON_LIBS)
