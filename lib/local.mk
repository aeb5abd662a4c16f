# libcloudvirt.so is the union of the internal convenience libraries; the
# version script decides what the world sees.
lib_LTLIBRARIES += lib/libcloudvirt.la
lib_libcloudvirt_la_SOURCES =
lib_libcloudvirt_la_LIBADD = \
	lib/core/libcvcore.la \
	$(GLIB_LIBS) $(XML_LIBS) $(ZLIB_LIBS) $(ZSTD_LIBS)
lib_libcloudvirt_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(CV_LT_VERSION) \
	-Wl,--version-script=$(srcdir)/lib/libcloudvirt.syms -Wl,--no-undefined
EXTRA_lib_libcloudvirt_la_DEPENDENCIES = lib/libcloudvirt.syms
EXTRA_DIST += lib/libcloudvirt.syms

# Other rooms append their convenience library to lib_libcloudvirt_la_LIBADD
# in their own local.mk; libtool folds every object into the one .so.
