from django.contrib import admin

from prongsai.orgs.models import Agency, District, Membership, Person, Province, Unit


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name", "code"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province"]
    list_filter = ["province"]
    search_fields = ["name", "code"]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["slug", "code", "type", "name", "district"]
    list_filter = ["type", "district__province"]
    search_fields = ["name", "slug", "code"]
    inlines = [UnitInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "agency", "signs_documents"]
    search_fields = ["name", "position"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "agency", "district", "province"]
    list_filter = ["role"]
    search_fields = ["user__username"]
