from django.contrib import admin

from mrplan.jobs.models import Job, OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "attempts", "next_attempt_at", "created_at", "sent_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields if f.name != "raw_message"]
    exclude = ["raw_message"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["kind", "owner", "status", "progress", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [field.name for field in Job._meta.fields]
