/**
 * On the card, at the end of the identity section: the directory's photo, to compare with the
 * face at the desk. Read only when the agent asks (the desk model says whether it may), shown
 * here only, hidden again on request; the slice forgets it with the rest of the person's data.
 */
import { useTranslation } from 'react-i18next';
import type { DirectoryPhoto } from '../../../../shared/contract/directory';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { useDeskView } from '../../components/use-desk-view';

function PhotoBody({ photo, name }: { photo: DirectoryPhoto; name: string }) {
  const { t } = useTranslation();
  if (photo.kind === 'none') return <p className="muted">{t('photo.none')}</p>;
  if (photo.kind === 'unusable') return <p className="hint">{photo.reason === 'too-large' ? t('photo.tooLarge') : t('photo.notJpeg')}</p>;
  return (
    <figure className="directory-photo">
      <img src={`data:image/jpeg;base64,${photo.base64}`} alt={t('photo.alt', { name })} data-testid="directory-photo-image" />
      <figcaption className="small muted">{t('photo.compare')}</figcaption>
    </figure>
  );
}

export function DirectoryPhotoPanel() {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const shown = useStore((s) => s.photo);
  const busy = useStore((s) => s.photoBusy);
  const error = useStore((s) => s.photoError);
  const show = useStore((s) => s.showPhoto);
  const hide = useStore((s) => s.hidePhoto);
  const offered = useDeskView()?.photoOffered ?? false;
  if (!card || !offered) return null;
  const photo = shown && shown.dn === card.dn ? shown.photo : null;
  return (
    <div className="photo-panel" data-testid="directory-photo" aria-busy={busy}>
      <h3>{t('photo.heading')}</h3>
      {photo ? (
        <>
          <PhotoBody photo={photo} name={card.displayName} />
          <button type="button" className="secondary" onClick={hide}>
            {t('photo.hide')}
          </button>
        </>
      ) : (
        <button type="button" className="secondary" disabled={busy} onClick={() => void show()}>
          {busy ? t('photo.loading') : t('photo.show')}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
    </div>
  );
}
