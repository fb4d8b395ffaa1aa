from wagtail_modeladmin.options import modeladmin_register

from .admin_subscribers import SubscriberAdmin

modeladmin_register(SubscriberAdmin)
