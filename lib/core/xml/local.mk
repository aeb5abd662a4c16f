noinst_LTLIBRARIES += lib/core/xml/libcvxml.la
lib_core_xml_libcvxml_la_SOURCES = \
	lib/core/xml/xml-util.c lib/core/xml/xml-util.h \
	lib/core/xml/domain-conf.c lib/core/xml/domain-format.c lib/core/xml/domain-conf.h \
	lib/core/xml/network-conf.c lib/core/xml/network-conf.h \
	lib/core/xml/storage-conf.c lib/core/xml/storage-conf.h \
	lib/core/xml/snapshot-conf.c lib/core/xml/snapshot-conf.h
lib_core_xml_libcvxml_la_LIBADD = $(XML_LIBS) $(GLIB_LIBS)
lib_libcloudvirt_la_LIBADD += lib/core/xml/libcvxml.la
