from django.urls import path

from sinergi.messaging.sms import views as sms
from sinergi.messaging.telegram import views as telegram
from sinergi.messaging.whatsapp import views as whatsapp

app_name = "messaging"
urlpatterns = [
    path("webhook/whatsapp/", whatsapp.webhook_view, name="whatsapp"),
    path("webhook/telegram/", telegram.webhook_view, name="telegram"),
    path("webhook/sms/", sms.webhook_view, name="sms"),
]
