import datetime

from django.db import migrations

FI = """Verso on osallisuusverkoston työväline. Rekisterinpitäjä on Verson käyttöön ottanut organisaatio (yleensä kunta tai hyvinvointialue).

Mitä tietoja keräämme: nimesi tai lempinimesi, roolisi verkostossa, organisaatiosi ja osaamisalueesi. Sähköpostiosoitteen ja puhelinnumeron vain, jos annat siihen luvan. Jos sinulla on käyttäjätunnus, sen sähköpostiosoitteen ja kirjautumistiedot.

Miksi: verkoston toiminnan järjestämiseen — kuka on mukana, missä roolissa ja miten sinuun saa yhteyden.

Kuka näkee: verkoston vastuuhenkilö ja koordinaatioryhmä. Sitä, että olet asiakas, ei näytetä muille jäsenille eikä verkoston ulkopuolelle.

Kuinka kauan: niin kauan kuin olet mukana verkostossa. Kun jäsenyytesi on päättynyt, tiedot anonymisoidaan vuoden kuluttua, jos sinulla ei ole käyttäjätunnusta.

Oikeutesi: voit katsoa ja ladata tietosi, korjata ne, perua luvat ja pyytää tietojesi poistamista. Voit tehdä sen itse Verson Omat tiedot -sivulla tai pyytää verkoston vastuuhenkilöä tekemään sen puolestasi."""

SV = """Verso är ett verktyg för delaktighetsnätverk. Personuppgiftsansvarig är den organisation som har tagit Verso i bruk (oftast en kommun eller ett välfärdsområde).

Vilka uppgifter vi samlar in: ditt namn eller smeknamn, din roll i nätverket, din organisation och dina kompetensområden. E-postadress och telefonnummer bara om du ger ditt samtycke. Om du har ett konto, dess e-postadress och inloggningsuppgifter.

Varför: för att ordna nätverkets verksamhet — vem som är med, i vilken roll och hur man når dig.

Vem ser uppgifterna: nätverkets ansvarsperson och koordinationsgruppen. Att du är klient visas inte för andra medlemmar eller utanför nätverket.

Hur länge: så länge du är med i nätverket. När ditt medlemskap har upphört anonymiseras uppgifterna efter ett år, om du inte har ett konto.

Dina rättigheter: du kan se och ladda ner dina uppgifter, rätta dem, återkalla samtycken och begära att dina uppgifter raderas. Du kan göra det själv på sidan Mina uppgifter i Verso eller be nätverkets ansvarsperson göra det för dig."""

EN = """Verso is the workbench of a participation network. The controller is the organisation that runs Verso (usually a municipality or a wellbeing services county).

What we collect: your name or nickname, your role in the network, your organisation and your competence areas. Your e-mail address and phone number only if you agree. If you have an account, its e-mail address and login data.

Why: to run the network — who takes part, in which role, and how to reach you.

Who sees it: the network's coordinator and coordination group. That you are a client is not shown to other members or outside the network.

How long: as long as you take part in the network. When your membership has ended, the data is anonymised after a year if you have no account.

Your rights: you can see and download your data, correct it, withdraw consents and ask for your data to be erased. You can do it yourself on the My data page of Verso, or ask the network's coordinator to do it for you."""


def publish(apps, schema_editor):
    PrivacyNotice = apps.get_model("privacy", "PrivacyNotice")
    PrivacyNotice.objects.get_or_create(
        version=1,
        defaults={"published_on": datetime.date(2026, 1, 1), "text_fi": FI, "text_sv": SV, "text_en": EN},
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
